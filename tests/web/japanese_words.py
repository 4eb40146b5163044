"""What counts as stray English in Japanese text: the one list of the Latin words a Japanese
reader meets in the page's Japanese (the page test and the Japanese-sources test read it)."""

from __future__ import annotations

import re

# Units, standard abbreviations and proper names (EF: the EF English Proficiency Index;
# Sakana: Sakana AI; LSI as in 超LSI; H100e: H100-equivalent, the model's unit of compute),
# and the switch to English.
JA_LATIN_OK = {
    "AI", "FLOP", "USD", "GPU", "H100", "H100e", "LLM", "OOM", "IT", "STEM", "TFR", "GDP",
    "WPP", "kW", "GW", "EF", "Sakana", "LSI", "PNG", "CSV", "English", "doomloop", "CMOS", "API",
    "den", "Haan", "Ramey", "Watson",
}  # fmt: skip

# Names the Japanese sources cite as the original: organisations and programmes, their
# reports' short names, models, people, hardware and identifiers (a work's title is written in
# 『』 and is not scanned; a source id such as S45 is not a word).
SOURCE_NAMES = {
    # organisations and programmes
    "ABCI", "AIREC", "DeNA", "EIA", "EPRI", "Epoch", "GEM", "GENIAC", "IEA", "IMF", "JST",
    "KDDI", "NEC", "NTT", "NVIDIA", "OCCTO", "OECD", "SPRING", "Meta", "OpenAI", "Anthropic",
    "Moonshot", "Mistral", "Zhipu", "Aleph", "Alpha", "Preferred", "Networks", "SB",
    "Intuitions", "NeurIPS", "LLM", "jp", "IoT", "DC1", "DC2", "B2", "BIS", "Google",
    "Microsoft", "DeepMind", "Brain", "JILPT", "AWS", "Gartner",
    # models, benchmarks and products
    "AlexNet", "GPT", "Gemini", "Ultra", "Gopher", "Llama", "Qwen", "Qwen2", "DeepSeek",
    "PLaMo", "Swallow", "NIILC", "JEMHopQA", "Pepper", "AlphaGo", "Zero", "BLOOM", "OPT",
    "ChatGPT",
    # people
    "Cottier", "Fujii", "Ho", "Hobbhahn", "Mockus", "Sterman", "Zhou",
    # hardware, measures and identifiers
    "A100", "H200", "SXM", "FP4", "AIC", "arXiv",
}  # fmt: skip

#: A source id of data/sources.md (S45): a reference, not a word.
SOURCE_ID = re.compile(r"^S\d{2,3}$")
#: The title of a work, kept as the original.
TITLE = re.compile(r"『[^』]*』")


def stray_english(text: str, allowed: set[str] = JA_LATIN_OK) -> set[str]:
    """The Latin words of Japanese *text* that are not in *allowed*, source ids or titles."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]+", TITLE.sub("", text))
    return {w for w in words if w not in allowed and not SOURCE_ID.match(w)}
