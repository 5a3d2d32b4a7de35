import sys

from mapapp.cli import main

sys.exit(main())
