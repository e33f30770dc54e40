"""Technology readiness levels with their EEN stage and mainland maturity stage (crosswalk).

The EEN column follows the "stage of development" options of EEN partnering profiles; the
maturity column follows the mainland ladder 概念 → 实验室 → 小试 → 中试 → 产业化.
"""

from __future__ import annotations

# (level, English, Traditional, Simplified, EEN stage, maturity stage)
TRL_LEVELS: tuple[tuple[int, str, str, str, str, str], ...] = (
    (1, "Basic principles observed", "觀察到基本原理", "观察到基本原理", "concept", "concept"),
    (2, "Technology concept formulated", "形成技術概念", "形成技术概念", "concept", "concept"),
    (
        3,
        "Experimental proof of concept",
        "實驗驗證概念",
        "实验验证概念",
        "lab_tested",
        "laboratory",
    ),
    (
        4,
        "Technology validated in the laboratory",
        "實驗室環境驗證",
        "实验室环境验证",
        "lab_tested",
        "laboratory",
    ),
    (
        5,
        "Technology validated in a relevant environment",
        "相關環境驗證",
        "相关环境验证",
        "prototype",
        "small_pilot",
    ),
    (
        6,
        "Technology demonstrated in a relevant environment",
        "相關環境示範",
        "相关环境示范",
        "prototype",
        "pilot",
    ),
    (
        7,
        "System prototype demonstrated in an operational environment",
        "實際環境原型示範",
        "实际环境原型示范",
        "field_tested",
        "pilot",
    ),
    (
        8,
        "System complete and qualified",
        "系統完成並通過鑑定",
        "系统完成并通过鉴定",
        "demonstration",
        "industrial",
    ),
    (
        9,
        "System proven in an operational environment",
        "實際運行環境驗證",
        "实际运行环境验证",
        "on_market",
        "industrial",
    ),
)
