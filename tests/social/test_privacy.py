"""The FRIENDS audience of privacy settings admits real friends, and only them."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.users.models import Audience
from tests.factories import create_friendship, create_team, create_user
from tests.fixtures.app import GQL

CONTACTS = "query($id: ID!) { user(id: $id) { contacts { telegram } } }"

INVITE = """
mutation($input: InviteToTeamInput!) { inviteToTeam(input: $input) { __typename } }
"""

SEND = """
mutation($input: SendChatMessageInput!) { sendChatMessage(input: $input) { __typename } }
"""


async def test_friends_see_contacts_shown_to_friends(gql: GQL, session: AsyncSession) -> None:
    owner = await create_user(session, telegram="owner_tg", contacts_visibility=Audience.FRIENDS)
    friend, stranger = await create_user(session), await create_user(session)
    await create_friendship(session, owner, friend)

    seen_by_friend = await gql(CONTACTS, {"id": str(owner.id)}, as_user=friend)
    seen_by_stranger = await gql(CONTACTS, {"id": str(owner.id)}, as_user=stranger)

    assert seen_by_friend.data["user"]["contacts"] == {"telegram": "owner_tg"}
    assert seen_by_stranger.data["user"]["contacts"] is None


async def test_friends_may_invite_and_message_when_only_friends_may(
    gql: GQL, session: AsyncSession
) -> None:
    private = await create_user(
        session, invite_permission=Audience.FRIENDS, message_permission=Audience.FRIENDS
    )
    friend, stranger = await create_user(session), await create_user(session)
    await create_friendship(session, private, friend)
    teams = {user: await create_team(session, captain=user) for user in (friend, stranger)}

    def invite(user: object) -> dict[str, object]:
        return {"input": {"teamId": str(teams[user].id), "userId": str(private.id)}}

    def message() -> dict[str, object]:
        return {
            "input": {"recipientId": str(private.id), "text": "Привет", "clientMessageId": "m1"}
        }

    assert (await gql(INVITE, invite(friend), as_user=friend)).data == {
        "inviteToTeam": {"__typename": "InviteToTeamPayload"}
    }
    assert (await gql(INVITE, invite(stranger), as_user=stranger)).data == {
        "inviteToTeam": {"__typename": "InvitationNotAllowed"}
    }
    assert (await gql(SEND, message(), as_user=friend)).data == {
        "sendChatMessage": {"__typename": "SendChatMessagePayload"}
    }
    assert (await gql(SEND, message(), as_user=stranger)).data == {
        "sendChatMessage": {"__typename": "MessagingNotAllowed"}
    }
