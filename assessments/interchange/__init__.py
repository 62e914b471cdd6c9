"""The JSON interchange format for one assessment."""

from assessments.interchange.json_format import (
    FORMAT,
    FORMAT_VERSION,
    ActionIn,
    FieldError,
    InterchangeError,
    ParsedAssessment,
    PersonIn,
    assessment_input_to_dict,
    assessment_input_to_json,
    parse_assessment_json,
    read_rubric_version,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ActionIn",
    "FieldError",
    "InterchangeError",
    "ParsedAssessment",
    "PersonIn",
    "assessment_input_to_dict",
    "assessment_input_to_json",
    "parse_assessment_json",
    "read_rubric_version",
]
