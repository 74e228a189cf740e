"""Live settings from an AWS account — the only code that reads one.

    snapshot = pull(profiles=["prod"], regions=["ap-northeast-1"])   # read-only calls, partial on failure,
                                                                     # within PullSettings.deadline_s (60 s)
    snapshot_limits(snapshot, "ap-northeast-1")   # {"lambda_concurrency": 10, "api_rps": 10000.0, ...}
    account_diff(design_data, snapshot)            # where the design's assumptions and the account differ
    import_design(snapshot).data                   # a design mapping (traffic left as marked assumptions)

See docs/account.md for the snapshot format and the IAM policy (aws/iam_policy.json);
aws/guard.py for the pull's deadline, size cap per response and garbage check; aws/validate.py
for the shape every snapshot file is checked against when it is loaded.
"""

from aws.diff import Difference, account_diff
from aws.facts import account_limits, limit_sources, limits_source, snapshot_facts, snapshot_limits
from aws.importer import ImportedDesign, ImportProblem, import_design, resource_names
from aws.session import PullSettings, available_profiles
from aws.snapshot import SnapshotError, gaps, load_snapshot, parse_snapshot, pull, save_snapshot

__all__ = ["Difference", "ImportProblem", "ImportedDesign", "PullSettings", "SnapshotError", "account_diff",
           "account_limits", "available_profiles", "gaps", "import_design", "limit_sources", "limits_source",
           "load_snapshot", "parse_snapshot", "pull", "resource_names", "save_snapshot", "snapshot_facts",
           "snapshot_limits"]
