"""Rules of the community of practice that views, the admin and tasks share, one module per part."""
