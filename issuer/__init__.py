"""DIVA Badges: the hosted issuer that receives, reviews, signs and revokes Open Badges 3.0 credentials."""
