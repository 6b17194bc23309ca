from django.http import HttpResponse


def plan_list(request):
    return HttpResponse("")
