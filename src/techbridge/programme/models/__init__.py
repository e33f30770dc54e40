from techbridge.programme.models.indicators import Indicator, IndicatorSource, Measurement
from techbridge.programme.models.reports import ReportJob
from techbridge.programme.models.structure import CooperationArea, CooperationItem, Mechanism
from techbridge.programme.models.tracker import ActionItem, Decision, Initiative, Meeting, Milestone

__all__ = [
    "ActionItem",
    "CooperationArea",
    "CooperationItem",
    "Decision",
    "Indicator",
    "IndicatorSource",
    "Initiative",
    "Measurement",
    "Mechanism",
    "Meeting",
    "Milestone",
    "ReportJob",
]
