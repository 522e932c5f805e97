"""The community of practice: its knowledge (barriers, fixes, case studies) and its people.

Split into modules by part; import them here so Django finds every model.
"""

from .case_studies import (  # noqa: F401
    CaseStudyBarrier,
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyTopic,
    case_studies_for_barrier,
)
from .charter import CharterPledge  # noqa: F401
from .knowledge import (  # noqa: F401
    AuthorReviewEmail,
    BarrierAffected,
    BarrierPage,
    BarrierTopic,
    FixEndorsement,
    FixPage,
    FixTopic,
    KnowledgeBaseIndexPage,
)
from .mentors import MentorIndexPage, MentorMessage, MentorPage, MentorTopic  # noqa: F401
