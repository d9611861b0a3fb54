"""Model calls. litellm is imported lazily, inside `calls`, only when a call is made."""

from .reply import ProviderError, ReplayMiss, Reply
from .request import TRANSPORT_PARAMS, Request

__all__ = ["ProviderError", "ReplayMiss", "Reply", "Request", "TRANSPORT_PARAMS"]
