"""Words that say what kind of listing a text is, not what it is about.

A technology request is "seeking a partner for cooperation on a high-efficiency technology";
an offer "provides an innovative system for enterprises". Matched against each other, these
words make every request resemble every offer: they carried most of the reasons of noisy
suggestions ("seeking", "partner", "high", "compatible", 合作, 技术, 寻求). Queries built from
a listing (match suggestions) leave them out, with their translations; a reader's own search
keeps every word typed. Place names are here too: where a listing comes from is a structured
field (its owner's region), weighed separately as the Hong Kong–mainland preference.

The lists are per language as a reader would write them; the engine analyses them with its
own analyzer (stems, Simplified folding), so a listed word also covers its inflections and
its other script. A word belongs here when it could appear in a listing on any subject.
"""

from __future__ import annotations

from collections.abc import Iterable

from techbridge.engine.text.analyzer import Analyzer

GENERIC_WORDS: dict[str, str] = {
    "en": """
        seek seeking sought looking look find finding wanted want need needs needed require
        required requirement requirements request requests partner partners partnership
        cooperation cooperate cooperative collaboration collaborate collaborative joint
        technology technologies technological tech high higher highly low new novel innovative
        innovation advanced efficient efficiency effective compatible solution solutions system
        systems develop developing development developed research researcher researchers
        project projects application applications apply applied provide provides providing
        offer offers offering available company companies enterprise enterprises firm
        business industry industrial market markets product products service services
        customer customers client clients team group expert experts expertise consultancy
        consulting consultant support based using use used platform transfer licence license
        licensing commercial commercialisation commercialization university institute
        laboratory lab hong kong chongqing mainland china chinese sichuan local overseas
        international cross boundary border
    """,
    "zh-hans": """
        寻求 寻找 征集 求购 需求 需要 要求 希望 合作 合作伙伴 伙伴 共同 联合 技术 科技 高 高效
        高性能 先进 创新 新型 新 有效 兼容 解决方案 方案 系统 开发 研发 研制 研究 项目 应用
        提供 公司 企业 行业 产业 市场 产品 服务 客户 团队 专家 咨询 顾问 平台 基于 采用 实现
        相关 领域 转让 转移 转化 许可 商业化 产业化 大学 研究院 研究所 实验室 香港 重庆 内地
        中国 本地 海外 国际 跨境 两地
    """,
    "zh-hant": """
        尋求 尋找 徵集 求購 需求 需要 要求 希望 合作 合作夥伴 夥伴 共同 聯合 技術 科技 高 高效
        高性能 先進 創新 新型 新 有效 兼容 解決方案 方案 系統 開發 研發 研製 研究 項目 應用
        提供 公司 企業 行業 產業 市場 產品 服務 客戶 團隊 專家 諮詢 顧問 平台 基於 採用 實現
        相關 領域 轉讓 轉移 轉化 許可 商業化 產業化 大學 研究院 研究所 實驗室 香港 重慶 內地
        中國 本地 海外 國際 跨境 兩地
    """,
}


def generic_terms(analyzer: Analyzer, lists: Iterable[str] | None = None) -> frozenset[str]:
    """The index terms of the generic words (whole words only, not their bigrams: 方案 is
    generic, but a bigram of 方案 inside another word is that word's business)."""
    out: set[str] = set()
    for words in lists if lists is not None else GENERIC_WORDS.values():
        for word in words.split():
            tokens, _ = analyzer.tokens(word)
            out.update(token.term for token in tokens if token.kind != "b")
    return frozenset(out)
