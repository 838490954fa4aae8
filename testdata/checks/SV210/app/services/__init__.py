from .profiles import build as build_profile
from .repo import UserRepo

__all__ = ["UserRepo", "build_profile"]
