"""The organisation as people browse and load it: the organisation pages, the `/api/v1/orgs` endpoints
and the practices import. They sit above the access rules (`accounts`) and the import framework
(`imports`); the organisation model and its questions on a date stay in `orgs`, beneath both. The
pages' templates are `orgs/templates/orgs/`."""
