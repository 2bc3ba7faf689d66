"""Tune or Prompt: decide between prompt engineering, fine-tuning or a hybrid."""

__version__ = "0.1.0"
