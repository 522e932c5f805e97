"""Public forms of the community of practice, one module per part (as in ``practice.models``)."""
