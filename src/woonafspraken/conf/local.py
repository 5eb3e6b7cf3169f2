"""`make run` and `woonafspraken serve` on one's own machine: used as in production (debug off, so the
Dutch error pages, and no debug details for the users), over plain HTTP on 127.0.0.1, with a per-machine
secret key. Static files are served by WhiteNoise from the apps' folders, as in every environment."""

from woonafspraken.conf import base
from woonafspraken.conf.env import env_bool, inherit
from woonafspraken.core.secret import local_secret_key

inherit(globals(), base)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = base.SECRET_KEY or local_secret_key(base.DATA_DIR)
