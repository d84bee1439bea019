/** The lobby's elements from index.html, looked up once and checked, so a renamed id fails loudly. */

export interface LobbyElements {
  lobby: HTMLElement;
  message: HTMLElement;
  profileForm: HTMLFormElement;
  nameInput: HTMLInputElement;
  colorInput: HTMLInputElement;
  createButton: HTMLButtonElement;
  publicCheckbox: HTMLInputElement;
  roomNameInput: HTMLInputElement;
  quickPlayButton: HTMLButtonElement;
  watchOffer: HTMLElement;
  watchInsteadButton: HTMLButtonElement;
  roomList: HTMLUListElement;
  roomListEmpty: HTMLElement;
  roomNameShown: HTMLElement;
  roomRole: HTMLElement;
  joinForm: HTMLFormElement;
  joinCode: HTMLInputElement;
  roomBar: HTMLElement;
  roomCode: HTMLElement;
  shareLink: HTMLInputElement;
  copyButton: HTMLButtonElement;
  leaveButton: HTMLButtonElement;
  toast: HTMLElement;
}

export function byId<T extends HTMLElement>(root: Document, id: string, type: new () => T): T {
  const element = root.getElementById(id);
  if (!(element instanceof type)) throw new Error(`index.html lacks #${id} (${type.name})`);
  return element;
}

export function findLobbyElements(root: Document): LobbyElements {
  return {
    lobby: byId(root, 'lobby', HTMLElement),
    message: byId(root, 'lobby-message', HTMLElement),
    profileForm: byId(root, 'profile-form', HTMLFormElement),
    nameInput: byId(root, 'player-name', HTMLInputElement),
    colorInput: byId(root, 'player-color', HTMLInputElement),
    createButton: byId(root, 'create-room', HTMLButtonElement),
    publicCheckbox: byId(root, 'room-public', HTMLInputElement),
    roomNameInput: byId(root, 'room-name', HTMLInputElement),
    quickPlayButton: byId(root, 'quick-play', HTMLButtonElement),
    watchOffer: byId(root, 'watch-offer', HTMLElement),
    watchInsteadButton: byId(root, 'watch-instead', HTMLButtonElement),
    roomList: byId(root, 'room-list', HTMLUListElement),
    roomListEmpty: byId(root, 'room-list-empty', HTMLElement),
    roomNameShown: byId(root, 'room-name-shown', HTMLElement),
    roomRole: byId(root, 'room-role', HTMLElement),
    joinForm: byId(root, 'join-form', HTMLFormElement),
    joinCode: byId(root, 'join-code', HTMLInputElement),
    roomBar: byId(root, 'room-bar', HTMLElement),
    roomCode: byId(root, 'room-code', HTMLElement),
    shareLink: byId(root, 'share-link', HTMLInputElement),
    copyButton: byId(root, 'copy-link', HTMLButtonElement),
    leaveButton: byId(root, 'leave-room', HTMLButtonElement),
    toast: byId(root, 'toast', HTMLElement),
  };
}
