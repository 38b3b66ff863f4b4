from invoke import task


@task
def load_fixtures(context):
    context.run("python manage.py loaddata products.json")
    print("fixtures loaded")  # ok: LOG001 (an invoke task, run from the command line)
