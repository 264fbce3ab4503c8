"""Verification by docking: the model's mechanisms against the classic models they rest on.

`make verify` runs every check at full size (`python -m zelflerendestad.verification`) and
writes docs/verification.md and docs/verification/results.json; `make test` runs a fast version
of each check through the same functions (tests/test_verification_*.py).
"""
