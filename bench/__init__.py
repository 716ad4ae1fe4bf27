"""Benchmark of `kg build`: a scale corpus made from the seeds, timed stage by stage.

Run `python bench/run.py --help`.  Not a test: the numbers depend on the machine;
the ratios to jieba's own tokenizer and tagger are what compare across machines.
"""
