"""Gradio chat UI over the Assistant; formatting only, no logic of its own."""
