"""The site's build steps, as plain functions of a built site directory and the project root."""
