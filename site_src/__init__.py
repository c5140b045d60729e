"""A static bilingual microsite generator for Chinese government work reports."""
