"""Analysis with natasha: segmentation, tagging, parsing, NER (tagging), rule fixes of NER
(nerfix), name normalisation and in-document coreference (names)."""
