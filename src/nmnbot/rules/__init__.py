"""Rules as data: cue tables (triage_cues.py, evidence_cues.py) and word lists (words/*.txt).

Nothing here decides anything on its own; pipeline/triage.py and evidence.py apply these tables.
"""
