from mapapp.cli import run

run()
