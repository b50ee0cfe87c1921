"""The schema extensions both GraphQL schemas share: parse and validation caches, the
depth, alias and token limits, and error masking (unexpected errors become
MASKED_ERROR_MESSAGE; PublicError and validation messages reach the client, in French).
"""

from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)

from .limits import MASKED_ERROR_MESSAGE, MAX_ALIASES, MAX_TOKENS, PublicError, PublicErrors

# The site and integrators send the same few documents: parse and validate each once.
DOCUMENT_CACHE_SIZE = 256


def should_mask_error(error: GraphQLError) -> bool:
    """Show syntax, validation and PublicError messages; mask everything else (no internals, no PII)."""
    original = error.original_error
    return original is not None and not isinstance(original, PublicError)


def limit_extensions(*, max_depth):
    """Extension factories for a schema whose documents may nest `max_depth` levels."""
    # Depth and alias limits as validation rules built once: each QueryDepthLimiter or
    # MaxAliasesLimiter instance creates a new rule class, which made every request a miss
    # of the validation cache (its key includes the rules).
    rules = [
        *QueryDepthLimiter(max_depth=max_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    ]
    return [
        lambda: ParserCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: ValidationCache(maxsize=DOCUMENT_CACHE_SIZE),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: PublicErrors(should_mask_error=should_mask_error, error_message=MASKED_ERROR_MESSAGE),
    ]
