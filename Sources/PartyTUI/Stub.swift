public enum PartyTUIStub {}
