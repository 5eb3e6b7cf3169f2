"""Writes for the next covenant: one module per aggregate."""
