"""The CLI spells the data export formats the datasets package writes (one list, no second spelling)."""


def test_the_data_export_formats_spelled_in_the_cli_are_the_datasets_formats() -> None:
    from datasets import FORMATS as EXPORTED
    from kiosk.cli.commands.data.export import FORMATS

    assert FORMATS == EXPORTED
