"""Query cost: an upper bound of the work a document asks for, refused before it runs.

Depth, alias and token limits bound the size of a document, not its work: a 200-byte
query can ask for 100 communes × their aids × their communes... The cost is computed
from the parsed document and the variables, after validation and before any resolver
(so before any SQL query):

- a field returning an object costs 1 per object it may return, plus its children;
- a list multiplies that by its largest possible length: the page size asked (or the
  default) for paginated fields, the cap of a CappedListField, STREAM_BLOCKS_CAP for
  StreamField blocks;
- `totalCount` costs 1 (a COUNT query), a StreamField body 5, and FIELD_COSTS adds what
  some resolvers cost on top (the map payload, a page by path...);
- aliases, fragments and inline fragments are all counted (an alias is another copy
  of the work); fields under @skip/@include are counted too: it is an upper bound.

A document over MAX_COST gets a French error giving its cost and the budget.
"""

from django.conf import settings
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    InlineFragmentNode,
    OperationDefinitionNode,
    get_named_type,
    is_leaf_type,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension
from strawberry_django.settings import strawberry_django_settings

from .limits import MAX_PAGE_SIZE, CappedListField

MAX_COST = settings.GRAPHQL_MAX_COST
# Blocks of one StreamField (a page body): editors rarely go past a few dozen.
STREAM_BLOCKS_CAP = 200
# Work of a resolver beyond the objects it returns, in the same unit (about one SQL query
# or a hundred rows of Python work).
FIELD_COSTS = {
    ("Query", "listingMap"): 500,  # every public listing (cached per content version)
    ("Query", "page"): 5,  # site lookup, path resolution, specific page
    ("Query", "siteSettings"): 2,
    ("Query", "keyFigures"): 5,  # four aggregate queries over the cases
    ("Commune", "applicableAids"): 5,  # once per request for a whole list of communes
    # Judges every public aid: about 22 SQL queries, some 1,500 units at the budget's own
    # rate (20,000 for the 300 queries a request may run), so that aliased copies of it
    # are refused before they run rather than stopped by the request budget.
    ("Query", "aidFinder"): 1_500,
}
TOTAL_COUNT_COST = 1  # `totalCount` of a paginated field: a COUNT query
STREAM_BLOCKS_COST = 5  # a StreamField body: image renditions and linked pages of its blocks
STREAM_BLOCK_UNION = "StreamBlock"


def over_budget_message(cost):
    return (
        f"Requête trop coûteuse : coût estimé {cost}, budget {MAX_COST}. "
        "Demandez moins de résultats par page ou moins de listes imbriquées."
    )


class QueryCostLimiter(SchemaExtension):
    """Refuses an over-budget operation before execution (see the module docstring)."""

    def on_execute(self):
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            cost = document_cost(context.schema._schema, document, context.variables or {}, context.operation_name)
            if cost > MAX_COST:
                context.result = GraphQLExecutionResult(data=None, errors=[GraphQLError(over_budget_message(cost))])
        yield


def document_cost(schema, document, variables, operation_name=None):
    """Cost of the operation to run (the named one, or the only one)."""
    fragments = {}
    operations = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            operations.append(definition)
        elif hasattr(definition, "type_condition"):
            fragments[definition.name.value] = definition
    if operation_name is not None:
        operations = [op for op in operations if op.name is not None and op.name.value == operation_name]
    if not operations:
        return 0
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    return CostWalker(schema, fragments, variables).selection_cost(operation.selection_set, root)


class CostWalker:
    def __init__(self, schema, fragments, variables):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def selection_cost(self, selection_set, parent_type, page_size=None):
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent_type, page_size)
            elif isinstance(selection, InlineFragmentNode):
                fragment_type = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent_type
                )
                total += self.selection_cost(selection.selection_set, fragment_type or parent_type, page_size)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    fragment_type = self.schema.get_type(fragment.type_condition.name.value) or parent_type
                    total += self.selection_cost(fragment.selection_set, fragment_type, page_size)
        return total

    def field_cost(self, node, parent_type, page_size):
        name = node.name.value
        fields = getattr(parent_type, "fields", None) or {}
        field = fields.get(name)
        if field is None:  # __typename, or a field of a union member counted through its fragment
            return 0
        own = self.resolver_cost(parent_type, name, field)
        return_type = get_named_type(field.type)
        if is_leaf_type(return_type) or node.selection_set is None:
            return own
        multiplier = self.list_length(node, parent_type, field, page_size) if is_list(field.type) else 1
        children_page_size = self.page_size(node) if is_paginated(return_type) else None
        children = self.selection_cost(node.selection_set, return_type, children_page_size)
        return own + multiplier * (1 + children)

    def resolver_cost(self, parent_type, name, field):
        if is_paginated(parent_type) and name == "totalCount":
            return TOTAL_COUNT_COST
        if is_stream_blocks(field.type):
            return STREAM_BLOCKS_COST
        return FIELD_COSTS.get((parent_type.name, name), 0)

    def list_length(self, node, parent_type, field, page_size):
        if is_paginated(parent_type) and node.name.value == "results":
            return page_size
        definition = field.extensions.get("strawberry-definition")
        if isinstance(definition, CappedListField):
            asked = self.argument(node, "pagination")
            limit = asked.get("limit") if isinstance(asked, dict) else None
            return min(limit, MAX_PAGE_SIZE) if isinstance(limit, int) and limit >= 0 else definition.cap
        if is_stream_blocks(field.type):
            return STREAM_BLOCKS_CAP
        return MAX_PAGE_SIZE

    def page_size(self, node):
        asked = self.argument(node, "pagination")
        limit = asked.get("limit") if isinstance(asked, dict) else None
        if isinstance(limit, int) and 0 <= limit <= MAX_PAGE_SIZE:
            return limit
        if isinstance(limit, int) and limit > MAX_PAGE_SIZE:
            return MAX_PAGE_SIZE  # refused by PageSizeLimit anyway
        return strawberry_django_settings()["PAGINATION_DEFAULT_LIMIT"] or MAX_PAGE_SIZE

    def argument(self, node, name):
        for argument in node.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.variables)
        return None


def is_list(graphql_type):
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    return isinstance(graphql_type, GraphQLList)


def is_stream_blocks(graphql_type):
    return is_list(graphql_type) and get_named_type(graphql_type).name == STREAM_BLOCK_UNION


def is_paginated(graphql_type):
    return getattr(graphql_type, "name", "").endswith("OffsetPaginated")
