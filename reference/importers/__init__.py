"""Importers of official reference data (communes, EPCI, population, zonage...).

Every importer follows the same contract:
- the whole file is read and validated before anything is written;
- problems are reported in French, each naming its row (line number or record number);
- by default a single invalid row makes the import fail and nothing changes; with
  ``skip_invalid`` the valid rows are imported and the rejected ones are listed;
- writes happen in one transaction; ``dry_run`` computes the same report without writing;
- a second run of the same file reports 0 created / 0 updated.

The pipeline, from the bottom up: ``reading`` (bytes, encodings, CSV/JSON), ``columns``
(finding a header and its columns), ``values`` (INSEE codes, counts), ``lookups`` (rows
already in the database), ``report`` (errors, rejected rows, the French summary),
then one module per source file, and ``command`` (the management-command shell).
"""
