"""What travels between installations: the package format, submissions, feedback, review decisions, trust bindings, and the reviewer's views of what arrived."""
