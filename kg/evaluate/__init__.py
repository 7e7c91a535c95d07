"""Evaluation against gold annotations."""
