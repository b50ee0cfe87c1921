"""Views of the public site, by page family. They read only the public GraphQL API
(frontend.api): no ORM.

Every page works without JavaScript: filters are GET forms, the list beside the map is
rendered here, and the map (static_src/js/map.js) is an enhancement fetching /graphql/.
"""
