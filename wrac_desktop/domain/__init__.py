"""Domain rules that need neither a database nor Qt."""
