from django.utils.translation import gettext as _
from rest_framework import serializers

from parindex.models import Assessment, CriteriaSet, Criterion, Evidence, Score


class CriteriaSetSerializer(serializers.ModelSerializer):
    class Meta:
        model = CriteriaSet
        fields = ["id", "year", "name", "copied_from", "owner_unit"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "id",
            "criteria_set",
            "code",
            "parent",
            "content",
            "max_points",
            "guidance",
            "is_survey",
            "responsible_name",
            "metric_key",
            "scoring_rule",
        ]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = [
            "id",
            "owner_unit",
            "title",
            "number",
            "issued_on",
            "issuer",
            "valid_from",
            "valid_to",
            "original_name",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="criterion.code", read_only=True)
    max_points = serializers.DecimalField(source="criterion.max_points", max_digits=6, decimal_places=2, read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = Score
        fields = [
            "id",
            "assessment",
            "criterion",
            "code",
            "max_points",
            "responsible_unit",
            "deadline",
            "self_score",
            "self_comment",
            "explanation",
            "appraised_score",
            "appraisal_reason",
            "evidence",
        ]
        read_only_fields = fields


class SelfScoreSerializer(serializers.Serializer):
    self_score = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    self_comment = serializers.CharField(allow_blank=True, required=False, default="")
    explanation = serializers.CharField(allow_blank=True, required=False, default="")


class AppraisalDecisionSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True, required=False, default=None)
    reason = serializers.CharField(allow_blank=True, required=False, default="")


class AppraisalSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=AppraisalDecisionSerializer(), help_text='{"<score id>": {"value": 2.5, "reason": "…"}}'
    )
    finish = serializers.BooleanField(default=False)

    def validate_scores(self, value):
        wrong = [key for key in value if not str(key).isdecimal()]
        if wrong:
            raise serializers.ValidationError(
                _("Khóa phải là mã điểm tiêu chí (số): %(keys)s") % {"keys": ", ".join(sorted(map(str, wrong))[:10])}
            )
        return value


class AssessmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.short_name", read_only=True)
    totals = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "criteria_set",
            "unit",
            "unit_name",
            "status",
            "deadline",
            "submitted_at",
            "appraised_at",
            "published_at",
            "totals",
        ]
        read_only_fields = fields

    def get_totals(self, assessment) -> dict:
        from parindex.selectors import assessment_totals

        # A list computes every row's totals at once (the view passes them); a single object on its own.
        totals = self.context.get("totals", {}).get(assessment.pk) or assessment_totals(assessment)
        return {"self": totals.self_total, "appraised": totals.appraised_total, "survey": totals.survey}
