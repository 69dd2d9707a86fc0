"""The knowledge base: who is who, on which date, in Russian, English and Arabic."""
