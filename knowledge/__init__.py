"""careerbot package."""
