"""The PAR-index year, commune side: computed scores, evidence, explanations, the not-yet-met list."""
