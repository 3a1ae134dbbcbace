"""`diva bench`: measured performance, kept out of the product modules."""
