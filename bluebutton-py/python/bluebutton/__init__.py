"""Parse Blue Button health records into one typed model.

Reads HL7 C-CDA and HITSP C32 XML, VA My HealtheVet and CMS MyMedicare.gov text reports,
and FHIR R4 JSON into a :class:`HealthRecord` with attribute access::

    import bluebutton

    rec = bluebutton.parse_file("record.xml")
    rec.patient.name.family
    rec.allergies[0].allergen.code
    rec.to_dict()  # the same data as the CLI's JSON output

:func:`detect` names what an input is without parsing it. Parsing failures raise
:class:`ParseError` (a ``ValueError``) with ``kind``, ``line``, ``column`` and
``input_kind``.

The parser is written in Rust; this package re-exports its compiled module
``bluebutton._bluebutton``, whose types are in ``_bluebutton.pyi``.
"""

from bluebutton._bluebutton import *  # noqa: F403 (parse, detect, ParseError, every model class)
from bluebutton._bluebutton import __version__ as __version__
