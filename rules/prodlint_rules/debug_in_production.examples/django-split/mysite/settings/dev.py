from .base import *  # noqa: F403

DEBUG = True  # ok: CFG001 (development settings)
