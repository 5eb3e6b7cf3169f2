"""Development (`runserver`, the management commands): debug on, a per-machine secret key if none is
given. `make run` and `woonafspraken serve` use conf.local (debug off)."""

from woonafspraken.conf import base
from woonafspraken.conf.env import env_bool, inherit
from woonafspraken.core.secret import local_secret_key

inherit(globals(), base)

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = base.SECRET_KEY or local_secret_key(base.DATA_DIR)
