"""Loading and validation of the content: scenarios and catalogue, every problem as file:line."""
