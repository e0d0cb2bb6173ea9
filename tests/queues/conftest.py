from tests.casework.factories import register_test_flow

register_test_flow()
