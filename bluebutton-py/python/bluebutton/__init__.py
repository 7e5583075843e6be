"""Parse Blue Button health records into one typed model.

Reads HL7 C-CDA and HITSP C32 XML, VA My HealtheVet and CMS MyMedicare.gov text reports,
and FHIR R4 JSON into a :class:`HealthRecord` with attribute access::

    import bluebutton

    rec = bluebutton.parse_file("record.xml")
    rec.patient.name.family
    rec.allergies[0].allergen.code
    rec.to_dict()  # the same data as the CLI's JSON output

:func:`detect` names what an input is without parsing it.

Tables for data science (pandas or polars, optional extras ``bluebutton[pandas]`` and
``bluebutton[polars]``, imported only when used)::

    rec.to_pandas("allergies")        # one row per entry, dotted columns: allergen.code, ...
    rec.to_polars("results")
    rec.to_dataframes()               # every section, by name
    tables = bluebutton.load("records/", jobs=4)   # one table per section across files,
    tables["errors"]                               # plus the files that failed

:func:`columns` lists a section's columns (derived from :func:`json_schema`).

Parsing failures raise :class:`ParseError` (a ``ValueError``) with ``kind``, ``line``,
``column`` and ``input_kind``.

The parser is written in Rust; this package re-exports its compiled module
``bluebutton._bluebutton``, whose types are in ``_bluebutton.pyi``.
"""

from bluebutton._bluebutton import *  # noqa: F403 (parse, detect, ParseError, every model class)
from bluebutton._bluebutton import __version__ as __version__
from bluebutton._loader import list_files as list_files
from bluebutton._loader import load as load
from bluebutton._tables import columns as columns
from bluebutton._tables import install as _install_table_methods

_install_table_methods()
