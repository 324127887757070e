"""The province's side of the PAR index: criteria sets from spreadsheets, appraisal of every sub-criterion, the communes' explanations, final scores, ranking and classification."""
