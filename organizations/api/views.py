from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.response import Response

from organizations import permissions
from organizations.api.serializers import LevelSerializer, MembershipSerializer, UnitGroupSerializer, UnitSerializer
from organizations.filtersets import MembershipFilterSet, UnitFilterSet
from organizations.models import Level, Membership, Unit, UnitGroup


class IsAdminOrReadOnly(drf_permissions.BasePermission):
    """The unit tree is edited by system administrators only."""

    def has_permission(self, request, view):
        return request.method in drf_permissions.SAFE_METHODS or request.user.is_superuser


class LevelViewSet(viewsets.ModelViewSet):
    queryset = Level.objects.all()
    serializer_class = LevelSerializer
    permission_classes = [drf_permissions.IsAuthenticated, IsAdminOrReadOnly]


class UnitViewSet(viewsets.ModelViewSet):
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    permission_classes = [drf_permissions.IsAuthenticated, IsAdminOrReadOnly]

    def get_queryset(self):
        return Unit.objects.visible_to(self.request.user).prefetch_related("aliases").order_by("pk")


class UnitGroupViewSet(viewsets.ModelViewSet):
    serializer_class = UnitGroupSerializer
    permission_classes = [drf_permissions.IsAuthenticated, IsAdminOrReadOnly]

    def get_queryset(self):
        return (
            UnitGroup.objects.filter(owner__in=Unit.objects.visible_to(self.request.user))
            .prefetch_related("members")
            .order_by("pk")
        )


class MembershipViewSet(viewsets.ModelViewSet):
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    permission_classes = [drf_permissions.IsAuthenticated, IsAdminOrReadOnly]

    def get_queryset(self):
        queryset = Membership.objects.select_related("user", "unit").order_by("pk")
        return permissions.scoped(queryset, self.request.user, "view")


@extend_schema(
    responses=inline_serializer(
        "Me",
        {
            "username": serializers.CharField(),
            "full_name": serializers.CharField(),
            "is_superuser": serializers.BooleanField(),
            "memberships": MembershipSerializer(many=True),
            "scope": serializers.DictField(
                child=serializers.ListField(child=serializers.IntegerField(), allow_null=True),
                help_text="view/change/manage → unit ids; null = every unit",
            ),
        },
    )
)
@api_view(["GET"])
def me(request):
    """The current user, their memberships and the unit ids of each scope."""
    user = request.user
    scope = {
        action: (sorted(ids) if ids is not None else None)
        for action in ("view", "change", "manage")
        for ids in [permissions.unit_ids(user, action)]
    }
    return Response(
        {
            "username": user.username,
            "full_name": user.get_full_name(),
            "is_superuser": user.is_superuser,
            "memberships": MembershipSerializer(permissions.memberships_of(user), many=True).data,
            "scope": scope,
        }
    )
