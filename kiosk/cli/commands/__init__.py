"""One module per command, named by kiosk/cli/table.py: add_arguments(parser) and run(args), heavy imports in run."""
