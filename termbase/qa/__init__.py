"""Quality assurance of translations: checks that return issue values, reports that render them."""
