"""`python -m zelflerendestad` is the same as the `zelflerendestad` command."""

from .cli import main

main()
