"""The committed `.pyi` stubs are exactly what `tools/gen_stubs.py` generates, and they
agree with the compiled module (every class, field and enum value exists)."""

from __future__ import annotations

import importlib.util

import bluebutton
from bluebutton import _bluebutton
from conftest import REPO_ROOT

TOOL = REPO_ROOT / "bluebutton-py" / "tools" / "gen_stubs.py"


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_stubs", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_stubs_are_fresh() -> None:
    gen = load_generator()
    committed = gen.STUB_PATH.read_text(encoding="utf-8")
    assert committed == gen.generate(_bluebutton), (
        "stale stubs: run `.venv/bin/python bluebutton-py/tools/gen_stubs.py` and commit"
    )


def test_installed_package_ships_stubs_and_marker() -> None:
    from pathlib import Path

    package = Path(bluebutton.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_bluebutton.pyi").read_text(encoding="utf-8") == (
        load_generator().STUB_PATH.read_text(encoding="utf-8")
    )


def test_every_model_type_is_exported_with_its_fields() -> None:
    gen = load_generator()
    definitions = _bluebutton._definitions()
    assert {"HealthRecord", "Detection", "Allergy", "InputKind"} <= set(definitions)
    for name, schema in definitions.items():
        cls = getattr(bluebutton, name)
        assert cls is getattr(_bluebutton, name)
        assert name in _bluebutton.__all__
        values = gen.enum_values(schema)
        if values is None:
            for field in schema["properties"]:
                assert isinstance(getattr(cls, field), type(bluebutton.HealthRecord.format)), (
                    f"{name}.{field} is not a getter"
                )
            assert callable(cls.to_dict) and callable(cls.to_json)
        else:
            for json_name, _ in values:
                assert getattr(cls, gen.variant_name(json_name)).value == json_name


def test_public_api_is_exported() -> None:
    namespace: dict = {}
    exec("from bluebutton import *", namespace)
    for name in ("parse", "parse_file", "detect", "json_schema", "ParseError", "HealthRecord"):
        assert name in _bluebutton.__all__
        assert namespace[name] is getattr(bluebutton, name)
    assert "_definitions" not in _bluebutton.__all__
    assert "_definitions" not in namespace
